import { headers } from "next/headers";
import { PAY_LINK_PATH_HEADER } from "@/lib/message-scope";
import { loadInvoice, tokenOfPath } from "./load";
import { ProblemView } from "./problem-view";

/**
 * A pay link that is not one, has expired or was disabled: the page answers 404 (the link leads
 * nowhere any more, and link previews and crawlers should treat it so) with the same explanation
 * and next step as before. Not-found pages get no route parameters: the token comes from the path
 * proxy.ts passes on, and the link's state from the page's own request to the API (one per
 * request, `loadInvoice` is cached).
 */
export default async function PayLinkNotFound() {
  const token = tokenOfPath((await headers()).get(PAY_LINK_PATH_HEADER));
  const loaded = await loadInvoice(token);
  // Next.js draws this boundary with every page of the segment, shown or not: nothing when the
  // link works, so the invoice's page carries no hidden explanation.
  if (!("problem" in loaded)) return null;
  return <ProblemView problem={loaded.problem} token={token} />;
}
