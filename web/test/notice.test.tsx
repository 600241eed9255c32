// A refusal reaches the user as its reason and its rule, never a bare 403.
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../src/api';
import { ErrorNotice } from '../src/components/notice';
import { setLang } from '../src/i18n';

const refusal = new ApiError(403, {
  error: 'refused',
  rule: 'KSF-6.2',
  message: 'Alleen totaalcijfers.',
  reason_nl: 'Alleen totaalcijfers.',
  reason_en: 'Aggregate figures only.',
});

afterEach(() => {
  cleanup();
  setLang('nl');
});

describe('ErrorNotice', () => {
  it('shows a refusal with reason and rule in Dutch', () => {
    setLang('nl');
    render(<ErrorNotice error={refusal} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Niet toegestaan door de regeling');
    expect(alert.textContent).toContain('Alleen totaalcijfers.');
    expect(alert.textContent).toContain('KSF-6.2');
    expect(alert.textContent).not.toContain('403');
    expect(screen.getByRole('link', { name: 'KSF-6.2' }).getAttribute('href')).toBe(
      '/regulation#rule-KSF-6.2',
    );
  });

  it('shows the same refusal in English', () => {
    setLang('en');
    render(<ErrorNotice error={refusal} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Not allowed by the regulation');
    expect(alert.textContent).toContain('Aggregate figures only.');
  });

  it('hides server details of an internal error', () => {
    setLang('en');
    render(<ErrorNotice error={new ApiError(500, { error: 'internal', message: 'SQL near x' })} />);
    expect(screen.getByRole('alert').textContent).not.toContain('SQL');
  });

  it('shows nothing without an error', () => {
    const { container } = render(<ErrorNotice error={null} />);
    expect(container.textContent).toBe('');
  });
});
