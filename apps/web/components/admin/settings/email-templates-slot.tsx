/**
 * The email templates' place in the settings (`/admin/parametres/emails`): the real component,
 * built in components/admin/email-templates/.
 */
export { EmailTemplates as EmailTemplatesSlot } from "@/components/admin/email-templates/email-templates-page";
