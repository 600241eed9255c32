import type { ComponentChildren, JSX } from 'preact';
import { onLinkClick } from '../router';

// An in-app link: a real <a href> that opens without reloading the app.
export function Link({
  href,
  children,
  ...rest
}: { href: string; children: ComponentChildren } & JSX.HTMLAttributes<HTMLAnchorElement>) {
  return (
    <a href={href} onClick={(event) => onLinkClick(event as unknown as MouseEvent, href)} {...rest}>
      {children}
    </a>
  );
}
