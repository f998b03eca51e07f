"use client";

import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { StageKind } from "./pipeline";

const TONES: Record<StageKind, BadgeTone> = { open: "info", won: "success", lost: "danger" };

/** The stage's name, coloured by what it means (in progress, won, lost). */
export function StageBadge({ name, kind }: { name: string; kind: StageKind }) {
  return <Badge tone={TONES[kind]}>{name}</Badge>;
}
