import { useId, useState, type ComponentType, type SVGProps } from 'react';
import { NavLink } from 'react-router';
import { Button } from '../../components/ui/button';
import {
  IconAlert,
  IconClose,
  IconCode,
  IconCompass,
  IconCheckCircle,
  IconLogOut,
  IconMenu,
  IconScroll,
  IconSliders,
} from '../../components/ui/icons';
import { Logo } from '../../components/ui/logo';
import { useSignOut } from '../../features/auth/hooks/use-sign-out';
import { WaitingEscalationsBadge } from '../../features/escalations/components/waiting-escalations-badge';
import { AssistantIndicator } from '../../features/health/components/assistant-indicator';
import { PendingProposalsBadge } from '../../features/knowledge/components/pending-proposals-badge';
import { PendingDraftsBadge } from '../../features/templates/components/pending-drafts-badge';
import { describeError } from '../../lib/api-client';
import { cn } from '../../lib/cn';
import type { Account, User } from '../../types/api';

interface NavItem {
  to: string;
  label: string;
  icon: ComponentType<SVGProps<SVGSVGElement>>;
}

const NAV_ITEMS: NavItem[] = [
  { to: '/pilot', label: 'Pilot', icon: IconCompass },
  { to: '/escalations', label: 'Escalations', icon: IconAlert },
  { to: '/script-builder', label: 'Script Builder', icon: IconCode },
  { to: '/scripts', label: 'Scripts', icon: IconScroll },
  { to: '/playbooks', label: 'Playbooks', icon: IconCheckCircle },
  { to: '/settings', label: 'Settings', icon: IconSliders },
];

const roleLabel = { owner: 'Owner', engineer: 'Engineer', viewer: 'Viewer' } as const;

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? `${parts[0]?.[0] ?? ''}${parts.at(-1)?.[0] ?? ''}` : name.slice(0, 2);
  return letters.toUpperCase() || '?';
}

interface SidebarProps {
  user: User;
  account: Account;
}

/** Fixed rail on wide screens; a top bar with a menu drawer on narrow ones. */
export function Sidebar({ user, account }: SidebarProps) {
  const [isOpen, setIsOpen] = useState(false);
  const panelId = useId();
  const draftsBadgeId = useId();
  const escalationsBadgeId = useId();
  const proposalsBadgeId = useId();
  // The queue is worked by engineers and owners; viewers do not see it.
  const canWorkEscalations = user.account_role !== 'viewer';
  const { signOut, isPending, error } = useSignOut();
  const close = () => setIsOpen(false);

  return (
    <>
      <div className="sticky top-0 z-40 flex h-14 items-center justify-between border-b border-zinc-800 bg-zinc-950/90 px-4 backdrop-blur md:hidden">
        <Logo />
        <Button
          variant="ghost"
          size="sm"
          aria-expanded={isOpen}
          aria-controls={panelId}
          onClick={() => setIsOpen((open) => !open)}
        >
          {isOpen ? <IconClose className="size-4" /> : <IconMenu className="size-4" />}
          Menu
        </Button>
      </div>

      {isOpen && (
        <div
          aria-hidden="true"
          className="fixed inset-x-0 top-14 bottom-0 z-30 bg-black/60 md:hidden"
          onClick={close}
        />
      )}

      <aside
        id={panelId}
        aria-label="Sidebar"
        onKeyDown={(event) => {
          if (event.key === 'Escape') close();
        }}
        className={cn(
          'fixed top-14 bottom-0 left-0 z-30 w-72 max-w-[85vw] flex-col border-r border-zinc-800 bg-zinc-950 md:top-0 md:flex md:w-60',
          isOpen ? 'flex' : 'hidden',
        )}
      >
        <div className="hidden h-16 shrink-0 items-center px-4 md:flex">
          <Logo />
        </div>

        <nav aria-label="Main" className="flex-1 overflow-y-auto px-3 py-2">
          <ul className="space-y-0.5">
            {NAV_ITEMS.filter(({ to }) => to !== '/escalations' || canWorkEscalations).map(
              ({ to, label, icon: Icon }) => (
                <li key={to}>
                  <NavLink
                    to={to}
                    onClick={close}
                    aria-describedby={
                      to === '/scripts' && user.account_role === 'owner'
                        ? draftsBadgeId
                        : to === '/escalations'
                          ? escalationsBadgeId
                          : to === '/playbooks' && user.account_role === 'owner'
                            ? proposalsBadgeId
                            : undefined
                    }
                    className={({ isActive }) =>
                      cn(
                        'group flex h-9 items-center gap-2.5 rounded-md px-2.5 text-[13px] font-medium transition-colors',
                        isActive
                          ? 'bg-zinc-800/80 text-zinc-50 ring-1 ring-inset ring-zinc-700/60'
                          : 'text-zinc-400 hover:bg-zinc-900 hover:text-zinc-100',
                      )
                    }
                  >
                    {({ isActive }) => (
                      <>
                        <Icon
                          className={cn(
                            'size-4 shrink-0',
                            isActive ? 'text-sky-300' : 'text-zinc-500 group-hover:text-zinc-300',
                          )}
                        />
                        {label}
                        {to === '/escalations' && (
                          <WaitingEscalationsBadge
                            canSee={canWorkEscalations}
                            descriptionId={escalationsBadgeId}
                          />
                        )}
                        {to === '/playbooks' && (
                          <PendingProposalsBadge
                            isOwner={user.account_role === 'owner'}
                            descriptionId={proposalsBadgeId}
                          />
                        )}
                        {to === '/scripts' && (
                          <PendingDraftsBadge
                            isOwner={user.account_role === 'owner'}
                            descriptionId={draftsBadgeId}
                          />
                        )}
                      </>
                    )}
                  </NavLink>
                </li>
              ),
            )}
          </ul>
        </nav>

        <div className="shrink-0 space-y-3 border-t border-zinc-800 p-3">
          <div className="px-1">
            <AssistantIndicator />
          </div>
          <div className="flex items-center gap-2.5 rounded-md bg-zinc-900/70 p-2 ring-1 ring-zinc-800">
            <span
              aria-hidden="true"
              className="grid size-8 shrink-0 place-items-center rounded-md bg-zinc-800 text-xs font-semibold text-zinc-200"
            >
              {initials(user.name)}
            </span>
            <div className="min-w-0 flex-1 leading-tight">
              <p className="truncate text-[13px] font-medium text-zinc-100" title={user.email}>
                {user.name}
              </p>
              <p
                className="truncate text-xs text-zinc-400"
                title={`${account.name} · ${roleLabel[user.account_role]}`}
              >
                {account.name} · {roleLabel[user.account_role]}
              </p>
            </div>
          </div>
          {error !== null && (
            <p role="alert" className="px-1 text-xs text-red-300">
              Couldn't sign out: {describeError(error).detail}
            </p>
          )}
          <Button
            variant="ghost"
            size="sm"
            className="w-full justify-start"
            isLoading={isPending}
            onClick={signOut}
          >
            {!isPending && <IconLogOut className="size-4" />}
            Sign out
          </Button>
        </div>
      </aside>
    </>
  );
}
