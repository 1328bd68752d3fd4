import { useNavigate, useSearchParams } from 'react-router';
import { safeNextPath } from '../../../lib/auth-redirect';

/** Where the user was heading before being asked to sign in (`?next=`), and how to get there. */
export function useAfterSignIn() {
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const rawNext = searchParams.get('next');
  const next = safeNextPath(rawNext);
  return {
    /** Carried between /login and /signup so the destination survives switching pages. */
    nextQuery: rawNext ? `?next=${encodeURIComponent(next)}` : '',
    continueToApp: () => navigate(next, { replace: true }),
  };
}
