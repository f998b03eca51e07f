import type messages from "./messages/fr.json";
import type adminClients from "./messages/admin/clients.fr.json";
import type adminTeam from "./messages/admin/team.fr.json";
import type adminJournal from "./messages/admin/journal.fr.json";
import type { Locale } from "./i18n/config";

declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    // TEMPORARY (h14-web-pages): the back-office namespaces until web-shell's version lands.
    Messages: typeof messages & { adminClients: typeof adminClients; adminTeam: typeof adminTeam; adminJournal: typeof adminJournal };
  }
}
