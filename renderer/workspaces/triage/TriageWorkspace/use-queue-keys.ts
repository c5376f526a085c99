import { useEffect, useRef } from 'react';

export type QueueKeyAction = 'next' | 'previous' | 'open' | 'claim' | 'validate' | 'reject' | 'hold' | 'resume' | 'help' | 'search' | 'back';

const KEYS: Record<string, QueueKeyAction> = {
  j: 'next',
  ArrowDown: 'next',
  k: 'previous',
  ArrowUp: 'previous',
  Enter: 'open',
  c: 'claim',
  v: 'validate',
  r: 'reject',
  h: 'hold',
  u: 'resume',
  '?': 'help',
  '/': 'search',
  Escape: 'back',
};

const isTyping = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** Keyboard-first triage: single keys act unless the officer is typing or a dialog is open. */
export function useQueueKeys(onAction: (action: QueueKeyAction) => void, enabled: boolean): void {
  const handler = useRef(onAction);
  handler.current = onAction;
  useEffect(() => {
    if (!enabled) return;
    const listener = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const action = KEYS[event.key];
      if (!action) return;
      if (isTyping(event.target) && !(action === 'back' && event.target instanceof HTMLInputElement)) return;
      if (action === 'open' && event.target instanceof HTMLElement && ['BUTTON', 'A'].includes(event.target.tagName)) return;
      if (document.querySelector('.mantine-Modal-root [role="dialog"]')) return;
      event.preventDefault();
      handler.current(action);
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [enabled]);
}
