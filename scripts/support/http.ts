export interface ApiResponse<T = any> {
  status: number;
  body: T;
}

/** A tiny JSON client for the service's API, authenticated with one bearer token. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly token?: string,
  ) {}

  as(token: string): ApiClient {
    return new ApiClient(this.baseUrl, token);
  }

  async request<T = any>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = {};
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body ?? {});
  }
  put<T = any>(path: string, body: unknown) {
    return this.request<T>('PUT', path, body);
  }
  delete<T = any>(path: string) {
    return this.request<T>('DELETE', path);
  }

  /** Like request, but throws unless the status is one of `expected`. */
  async expect<T = any>(expected: number[], method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
    const res = await this.request<T>(method, path, body);
    if (!expected.includes(res.status)) {
      throw new Error(`${method} ${path} → ${res.status} (expected ${expected.join('/')}): ${JSON.stringify(res.body)}`);
    }
    return res;
  }
}

/** Creates an agent (or updates it), gives it a token and makes it available. Returns the token. */
export async function setUpAgent(
  admin: ApiClient,
  a: { id: string; name: string; country: string | null; skills?: string[]; capacity?: number },
): Promise<string> {
  await admin.expect([200], 'PUT', `/v1/agents/${a.id}`, {
    name: a.name,
    country: a.country,
    skills: a.skills ?? [],
    capacity: a.capacity ?? 5,
  });
  const token = await admin.expect([201], 'POST', '/v1/tokens', { role: 'agent', agentId: a.id, name: `${a.name} token` });
  await admin.expect([200], 'POST', `/v1/agents/${a.id}/status`, { status: 'available' });
  return token.body.token as string;
}
