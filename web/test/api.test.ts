// The API client against a stubbed fetch (the network is the edge of the
// world here; the real server is exercised by the e2e journeys).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, setApiLanguage, setCsrfToken, toApiTime, withQuery } from '../src/api';

type Call = { url: string; init: RequestInit };

let calls: Call[] = [];

function answer(status: number, body: unknown) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response(body === undefined ? null : JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json' },
      });
    }),
  );
}

beforeEach(() => {
  calls = [];
  setCsrfToken(null);
  setApiLanguage('nl');
});
afterEach(() => vi.unstubAllGlobals());

describe('withQuery', () => {
  it('drops empty values and encodes the rest', () => {
    expect(withQuery('/a', { x: 'b c', y: undefined, z: '', n: 0 })).toBe('/a?x=b+c&n=0');
    expect(withQuery('/a?p=1', { q: 2 })).toBe('/a?p=1&q=2');
    expect(withQuery('/a')).toBe('/a');
  });
});

describe('toApiTime', () => {
  it('writes UTC to the second, as the server reads it', () => {
    expect(toApiTime(new Date(Date.UTC(2026, 10, 28, 6, 5, 4, 321)))).toBe('2026-11-28T06:05:04Z');
  });
});

describe('requests', () => {
  it('send the language, and the CSRF token only on unsafe methods', async () => {
    setCsrfToken('tok');
    setApiLanguage('en');
    answer(200, { ok: true });
    await api.get('/api/v1/x');
    await api.post('/api/v1/y');
    const get = calls[0].init.headers as Record<string, string>;
    const post = calls[1].init.headers as Record<string, string>;
    expect(get['Accept-Language']).toBe('en');
    expect(get['X-CSRF-Token']).toBeUndefined();
    expect(post['X-CSRF-Token']).toBe('tok');
    // An action POST carries no body and no JSON content type.
    expect(calls[1].init.body).toBeUndefined();
    expect(post['Content-Type']).toBeUndefined();
  });

  it('send JSON bodies as application/json', async () => {
    answer(201, { id: 'x' });
    const body = await api.post<{ id: string }>('/api/v1/z', { a: 1 });
    expect(body.id).toBe('x');
    expect((calls[0].init.headers as Record<string, string>)['Content-Type']).toBe(
      'application/json',
    );
    expect(calls[0].init.body).toBe('{"a":1}');
  });
});

describe('ApiError', () => {
  it('keeps a refusal with its rule and both reasons', async () => {
    answer(403, {
      error: 'refused',
      rule: 'KSF-4.7',
      message: 'Niet meer dan drie.',
      reason_nl: 'Niet meer dan drie.',
      reason_en: 'No more than three.',
    });
    const error = await api.post('/api/v1/me/requests/extra-moment', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const refusal = error as ApiError;
    expect(refusal.isRefusal).toBe(true);
    expect(refusal.rule).toBe('KSF-4.7');
    expect(refusal.reason('en')).toBe('No more than three.');
    expect(refusal.reason('nl')).toBe('Niet meer dan drie.');
  });

  it('is not a refusal for other errors, and survives a body that is not JSON', async () => {
    vi.stubGlobal('fetch', async () => new Response('<html>bad gateway</html>', { status: 502 }));
    const error = (await api.get('/api/v1/x').catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(502);
    expect(error.isRefusal).toBe(false);
    expect(error.code).toBe('http_502');
  });

  it('turns a network failure into status 0', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    const error = (await api.get('/api/v1/x').catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(0);
    expect(error.code).toBe('network');
  });
});
