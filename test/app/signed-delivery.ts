// Signs and POSTs a webhook delivery the way GitHub does (HMAC-SHA256 of the raw body).
import { createHmac } from "node:crypto";

export function signature(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

export async function deliver(
  url: string,
  event: string,
  id: string,
  body: string,
  secret: string,
): Promise<{ status: number; text: string }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-github-event": event, "x-github-delivery": id, "x-hub-signature-256": signature(secret, body) },
    body,
  });
  return { status: response.status, text: await response.text() };
}
