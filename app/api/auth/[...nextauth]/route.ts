import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/config";
import { withRequestOrigin } from "@/lib/auth/request-origin";

export function GET(req: NextRequest) {
  return handlers.GET(withRequestOrigin(req));
}

export function POST(req: NextRequest) {
  return handlers.POST(withRequestOrigin(req));
}
