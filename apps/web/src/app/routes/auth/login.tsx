import { Link } from 'react-router';
import { AuthPageLayout } from '../../../features/auth/components/auth-page-layout';
import { LoginForm } from '../../../features/auth/components/login-form';
import { useAfterSignIn } from '../../../features/auth/hooks/use-after-sign-in';

const linkClass = 'font-medium text-sky-300 underline-offset-4 hover:text-sky-200 hover:underline';

export function LoginRoute() {
  const { nextQuery, continueToApp } = useAfterSignIn();
  return (
    <AuthPageLayout
      title="Sign in to FlowPilot"
      subtitle="Welcome back. Pick up where you left off."
      footer={
        <>
          New to FlowPilot?{' '}
          <Link to={`/signup${nextQuery}`} className={linkClass}>
            Create an account
          </Link>
        </>
      }
    >
      <title>Sign in · FlowPilot</title>
      <LoginForm onSuccess={() => void continueToApp()} />
    </AuthPageLayout>
  );
}
