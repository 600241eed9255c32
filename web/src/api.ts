// The one door to the server: every call goes to the public /api/v1 with the
// session cookie (HttpOnly, so scripts never see it), the CSRF token on
// unsafe methods, and the user's language so that server messages and
// refusals arrive in it. Failures become ApiError values that keep the rule
// and both reasons of a refusal, so the page can show why, never a bare 403.

export type Lang = 'nl' | 'en';

export interface ErrorBody {
  error?: string;
  message?: string;
  rule?: string;
  reason_nl?: string;
  reason_en?: string;
  field?: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly rule?: string;
  readonly reasonNl?: string;
  readonly reasonEn?: string;

  constructor(status: number, body: ErrorBody) {
    super(body.message ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.error ?? (status === 0 ? 'network' : `http_${status}`);
    this.rule = body.rule;
    this.reasonNl = body.reason_nl;
    this.reasonEn = body.reason_en;
  }

  // A refusal by the regulation (or by the role table, which cites AVG-32).
  get isRefusal(): boolean {
    return this.status === 403 && this.code === 'refused';
  }

  reason(lang: Lang): string {
    const own = lang === 'en' ? this.reasonEn : this.reasonNl;
    return own ?? this.message;
  }
}

interface ClientState {
  csrf: string | null;
  lang: Lang;
  onUnauthorised: (() => void) | null;
}

const state: ClientState = { csrf: null, lang: 'nl', onUnauthorised: null };

export function setCsrfToken(token: string | null): void {
  state.csrf = token;
}

export function setApiLanguage(lang: Lang): void {
  state.lang = lang;
}

// Called when a session ends under the user's feet (idle time-out).
export function onUnauthorised(handler: (() => void) | null): void {
  state.onUnauthorised = handler;
}

export type Query = Record<string, string | number | boolean | undefined | null>;

// A moment as the API reads it: ISO 8601 in UTC to the second
// (YYYY-MM-DDTHH:MM:SSZ), without the milliseconds toISOString() adds.
export function toApiTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  if (!text) return path;
  return path + (path.includes('?') ? '&' : '?') + text;
}

export interface RequestOptions {
  query?: Query;
  // JSON body; `undefined` sends no body (action POSTs take none).
  body?: unknown;
  // A multipart or other raw body.
  raw?: BodyInit;
  signal?: AbortSignal;
}

async function send(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': state.lang,
  };
  let body: BodyInit | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  } else if (options.raw !== undefined) {
    body = options.raw;
  }
  if (method !== 'GET' && method !== 'HEAD' && state.csrf) headers['X-CSRF-Token'] = state.csrf;
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, { error: 'network', message: String(cause) });
  }
  if (!response.ok) {
    let parsed: ErrorBody = {};
    try {
      parsed = (await response.json()) as ErrorBody;
    } catch {
      parsed = { message: response.statusText };
    }
    const error = new ApiError(response.status, parsed);
    if (response.status === 401 && path !== '/api/v1/session' && state.onUnauthorised) {
      state.onUnauthorised();
    }
    throw error;
  }
  return response;
}

async function json<T>(method: string, path: string, options?: RequestOptions): Promise<T> {
  const response = await send(method, path, options);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) =>
    json<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, query?: Query) => json<T>('POST', path, { body, query }),
  put: <T>(path: string, body?: unknown) => json<T>('PUT', path, { body }),
  del: <T>(path: string, body?: unknown) => json<T>('DELETE', path, { body }),
  upload: <T>(path: string, form: FormData) => json<T>('POST', path, { raw: form }),
  // For blobs (exports, documents): the raw response, checked for errors.
  raw: (method: string, path: string, options?: RequestOptions) => send(method, path, options),
};

// Reads a streamed download while reporting progress (KSF: long work shows
// progress). `total` is null when the server does not announce a length.
export async function downloadWithProgress(
  path: string,
  onProgress: (received: number, total: number | null) => void,
  query?: Query,
  signal?: AbortSignal,
): Promise<{ blob: Blob; filename: string | null }> {
  const response = await send('GET', path, { query, signal });
  const length = Number(response.headers.get('Content-Length'));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const match = /filename="?([^";]+)"?/.exec(disposition);
  const type = response.headers.get('Content-Type') ?? 'application/octet-stream';
  if (!response.body) {
    const blob = await response.blob();
    onProgress(blob.size, total);
    return { blob, filename: match ? match[1] : null };
  }
  const reader = response.body.getReader();
  const chunks: BlobPart[] = [];
  let received = 0;
  onProgress(0, total);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.byteLength;
    onProgress(received, total);
  }
  return { blob: new Blob(chunks, { type }), filename: match ? match[1] : null };
}

// Sends a multipart form while reporting how much has gone up (fetch cannot
// report upload progress; XMLHttpRequest can). The answer is read as JSON;
// a failure becomes the same ApiError as every other call.
export function uploadWithProgress<T>(
  path: string,
  form: FormData,
  onProgress: (sent: number, total: number | null) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', path);
    request.withCredentials = true;
    request.setRequestHeader('Accept', 'application/json');
    request.setRequestHeader('Accept-Language', state.lang);
    if (state.csrf) request.setRequestHeader('X-CSRF-Token', state.csrf);
    request.upload.onprogress = (event) =>
      onProgress(event.loaded, event.lengthComputable ? event.total : null);
    request.onerror = () => reject(new ApiError(0, { error: 'network', message: 'upload failed' }));
    request.onload = () => {
      let body: unknown;
      try {
        body = request.responseText ? JSON.parse(request.responseText) : undefined;
      } catch {
        body = { message: request.statusText };
      }
      if (request.status >= 200 && request.status < 300) {
        resolve(body as T);
        return;
      }
      if (request.status === 401 && state.onUnauthorised) state.onUnauthorised();
      reject(new ApiError(request.status, (body ?? {}) as ErrorBody));
    };
    request.send(form);
  });
}

// Offers a blob to the user as a file.
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
