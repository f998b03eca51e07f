import type { Alert } from "./api";

/**
 * The API sends alerts most urgent first; this keeps its order but makes sure a critical one is
 * never below a warning, whatever the API's version.
 */
export function sortAlerts(alerts: Alert[]): Alert[] {
  const rank = (alert: Alert) => (alert.severity === "critical" ? 0 : 1);
  return alerts.map((alert, index) => ({ alert, index })).sort((a, b) => rank(a.alert) - rank(b.alert) || a.index - b.index).map(({ alert }) => alert);
}

/** A median response time in parts: under an hour in minutes, above in hours and minutes. */
export function durationParts(minutes: number): { hours: number; minutes: number } {
  const whole = Math.max(0, Math.round(minutes));
  return { hours: Math.floor(whole / 60), minutes: whole % 60 };
}
