import { RouterProvider } from 'react-router/dom';
import { setUnauthorizedHandler } from '../lib/api-client';
import { isPublicPath, loginPathFor } from '../lib/auth-redirect';
import { AppProviders } from './providers';
import { createAppRouter } from './router';

const router = createAppRouter();

// Any 401 (expired or missing session) sends the user to sign in, remembering where they were.
setUnauthorizedHandler(() => {
  const { pathname, search, hash } = router.state.location;
  if (isPublicPath(pathname)) return;
  void router.navigate(loginPathFor(`${pathname}${search}${hash}`), { replace: true });
});

export function App() {
  return (
    <AppProviders>
      <RouterProvider router={router} />
    </AppProviders>
  );
}
