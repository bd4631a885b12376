import type { ReactNode } from 'react';

interface NoticeProps {
  tone: 'info' | 'error' | 'success';
  children: ReactNode;
  /** Errors interrupt (alert); info and success wait their turn (status). */
  live?: boolean;
}

export function Notice({ tone, children, live = true }: NoticeProps) {
  const role = !live ? undefined : tone === 'error' ? 'alert' : 'status';
  return (
    <div className={`notice notice--${tone}`} role={role}>
      {children}
    </div>
  );
}
