import { Link } from 'react-router';
import { AuthPageLayout } from '../../../features/auth/components/auth-page-layout';
import { SignupForm } from '../../../features/auth/components/signup-form';
import { useAfterSignIn } from '../../../features/auth/hooks/use-after-sign-in';

const linkClass = 'font-medium text-sky-300 underline-offset-4 hover:text-sky-200 hover:underline';

export function SignupRoute() {
  const { nextQuery, continueToApp } = useAfterSignIn();
  return (
    <AuthPageLayout
      title="Create your FlowPilot account"
      subtitle="Set up a workspace for your team. You can invite engineers afterwards."
      footer={
        <>
          Already have an account?{' '}
          <Link to={`/login${nextQuery}`} className={linkClass}>
            Sign in
          </Link>
        </>
      }
    >
      <title>Create account · FlowPilot</title>
      <SignupForm onSuccess={() => void continueToApp()} />
    </AuthPageLayout>
  );
}
