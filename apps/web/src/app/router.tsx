import { createBrowserRouter, redirect, type RouteObject } from 'react-router';
import { FullPageSpinner } from '../components/ui/spinner';
import { RouteError } from './routes/route-error';

/*
 * Every screen is its own lazily loaded chunk: the sign-in page does not pay for the signed-in
 * layout, and each feature page loads when first visited.
 */
const signedInRoutes: RouteObject[] = [
  {
    path: '/pilot',
    lazy: async () => ({ Component: (await import('./routes/app/pilot')).PilotRoute }),
  },
  {
    path: '/pilot/:id',
    lazy: async () => ({ Component: (await import('./routes/app/pilot-session')).PilotSessionRoute }),
  },
  {
    path: '/escalations',
    lazy: async () => ({ Component: (await import('./routes/app/escalations')).EscalationsRoute }),
  },
  {
    path: '/script-builder',
    lazy: async () => ({ Component: (await import('./routes/app/script-builder')).ScriptBuilderRoute }),
  },
  {
    path: '/script-builder/:id',
    lazy: async () => ({
      Component: (await import('./routes/app/script-builder-session')).ScriptBuilderSessionRoute,
    }),
  },
  {
    path: '/scripts',
    lazy: async () => ({ Component: (await import('./routes/app/scripts')).ScriptsRoute }),
  },
  {
    path: '/playbooks',
    lazy: async () => ({ Component: (await import('./routes/app/playbooks')).PlaybooksRoute }),
  },
  {
    path: '/settings',
    lazy: async () => ({ Component: (await import('./routes/app/settings')).SettingsRoute }),
  },
].map((route) => ({ ...route, ErrorBoundary: RouteError }));

export const routes: RouteObject[] = [
  {
    HydrateFallback: () => <FullPageSpinner />,
    ErrorBoundary: RouteError,
    children: [
      { path: '/', loader: () => redirect('/pilot') },
      {
        path: '/login',
        lazy: async () => ({ Component: (await import('./routes/auth/login')).LoginRoute }),
      },
      {
        path: '/signup',
        lazy: async () => ({ Component: (await import('./routes/auth/signup')).SignupRoute }),
      },
      {
        // Pathless layout: signs the user in (GET /auth/me) before any of its pages render.
        lazy: async () => ({ Component: (await import('./layout/app-layout')).AppLayout }),
        children: signedInRoutes,
      },
      {
        path: '*',
        lazy: async () => ({ Component: (await import('./routes/not-found')).NotFoundRoute }),
      },
    ],
  },
];

export const createAppRouter = () => createBrowserRouter(routes);
