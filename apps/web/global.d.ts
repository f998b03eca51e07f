import type messages from "./messages/fr.json";
import type adminClients from "./messages/admin/clients.fr.json";
import type adminTeam from "./messages/admin/team.fr.json";
import type adminJournal from "./messages/admin/journal.fr.json";
import type { Locale } from "./i18n/config";

declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    // TEMPORARY (h14-web-pages): `admin.<part>` as h14-web-shell's global.d.ts; drop for theirs at the merge.
    Messages: Omit<typeof messages, "admin"> & {
      admin: (typeof messages)["admin"] & { clients: typeof adminClients; team: typeof adminTeam; journal: typeof adminJournal };
    };
  }
}
