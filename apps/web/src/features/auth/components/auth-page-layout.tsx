import type { ReactNode } from 'react';
import { LogoMark } from '../../../components/ui/logo';

interface AuthPageLayoutProps {
  title: string;
  subtitle: ReactNode;
  children: ReactNode;
  footer: ReactNode;
}

/** The frame around sign-in and sign-up: one focused card, nothing else competing for attention. */
export function AuthPageLayout({ title, subtitle, children, footer }: AuthPageLayoutProps) {
  return (
    <div className="relative flex min-h-dvh flex-col items-center justify-center overflow-hidden px-4 py-12">
      <div
        aria-hidden="true"
        className="pointer-events-none absolute inset-x-0 top-0 h-96 bg-[radial-gradient(ellipse_at_top,rgba(14,165,233,0.12),transparent_65%)]"
      />
      <main className="relative w-full max-w-[380px]">
        <div className="mb-7 flex flex-col items-center text-center">
          <LogoMark className="mb-5 size-10" />
          <h1 className="text-xl font-semibold tracking-tight text-zinc-50">{title}</h1>
          <p className="mt-1.5 text-[13px] text-zinc-400">{subtitle}</p>
        </div>
        <div className="rounded-xl bg-zinc-900/70 p-6 shadow-xl shadow-black/30 ring-1 ring-zinc-800 backdrop-blur-sm">
          {children}
        </div>
        <p className="mt-6 text-center text-[13px] text-zinc-400">{footer}</p>
      </main>
    </div>
  );
}
