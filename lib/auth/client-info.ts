/** Who sent the request, as far as the proxy in front of us says; for audit records only. */
export function clientInfo(request: Request) {
  const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  const address = forwarded || request.headers.get('x-real-ip') || null;
  const userAgent = request.headers.get('user-agent');

  return {
    clientAddress: address?.slice(0, 100) ?? null,
    userAgent: userAgent?.slice(0, 500) ?? null,
  };
}

export type ClientInfo = ReturnType<typeof clientInfo>;
