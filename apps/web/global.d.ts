import type messages from "./messages/fr.json";
import type adminShell from "./messages/admin/shell.fr.json";
import type adminDashboard from "./messages/admin/dashboard.fr.json";
import type adminClients from "./messages/admin/clients.fr.json";
import type adminTeam from "./messages/admin/team.fr.json";
import type adminJournal from "./messages/admin/journal.fr.json";
import type adminBilling from "./messages/admin/billing.fr.json";
import type adminTasks from "./messages/admin/tasks.fr.json";
import type adminProjects from "./messages/admin/projects.fr.json";
import type adminPayments from "./messages/admin/payments.fr.json";
import type adminReconciliation from "./messages/admin/reconciliation.fr.json";
import type adminSupport from "./messages/admin/support.fr.json";
import type adminSupportSettings from "./messages/admin/support-settings.fr.json";
import type adminProspectsSetup from "./messages/admin/prospects-setup.fr.json";
import type adminProspects from "./messages/admin/prospects.fr.json";
import type adminEmailTemplates from "./messages/admin/email-templates.fr.json";
import type { Locale } from "./i18n/config";

declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    // i18n/request.ts puts each messages/admin/<part>.<locale>.json under `admin.<part>`.
    Messages: typeof messages & {
      admin: {
        shell: typeof adminShell;
        dashboard: typeof adminDashboard;
        clients: typeof adminClients;
        team: typeof adminTeam;
        journal: typeof adminJournal;
        billing: typeof adminBilling;
        tasks: typeof adminTasks;
        projects: typeof adminProjects;
        payments: typeof adminPayments;
        reconciliation: typeof adminReconciliation;
        support: typeof adminSupport;
        "support-settings": typeof adminSupportSettings;
        "prospects-setup": typeof adminProspectsSetup;
        prospects: typeof adminProspects;
        "email-templates": typeof adminEmailTemplates;
      };
    };
  }
}
