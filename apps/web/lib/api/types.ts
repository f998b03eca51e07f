import type { components } from "./schema";

type Schemas = components["schemas"];
export type Me = Schemas["MeResponse"];
export type Client = Schemas["ClientDto"];
export type Project = Schemas["ProjectDto"];
export type ProjectStatus = Schemas["ProjectStatus"];
export type Milestone = Schemas["MilestoneDto"];
export type MilestoneStatus = Schemas["MilestoneStatus"];
export type Task = Schemas["TaskDto"];
export type TaskStatus = Schemas["TaskStatus"];
export type Priority = Schemas["Priority"];
export type Comment = Schemas["CommentDto"];
export type Ticket = Schemas["TicketDto"];
export type TicketStatus = Schemas["TicketStatus"];
export type TicketMessage = Schemas["TicketMessageDto"];
export type Locale = Schemas["Locale"];

export const PROJECT_STATUSES: ProjectStatus[] = ["active", "draft", "on_hold", "completed", "cancelled"];
/** Board columns, left to right. */
export const TASK_STATUSES: TaskStatus[] = ["todo", "in_progress", "blocked", "review", "done"];
export const PRIORITIES: Priority[] = ["low", "normal", "high", "urgent"];
export const TICKET_STATUSES: TicketStatus[] = ["open", "pending", "resolved", "closed"];
