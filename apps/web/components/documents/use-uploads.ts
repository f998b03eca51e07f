"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useReducer, useRef } from "react";
import { CSRF_COOKIE, readDocumentCookie } from "@/lib/api/client";
import { isApiError } from "@/lib/api/errors";
import type { DocumentVisibility } from "@/lib/api/types";
import { StorageError, UploadAbortedError, UploadNetworkError, sendToStorage } from "@/lib/upload-transport";
import {
  checkFile,
  contentTypeFor,
  isActive,
  nextToStart,
  uploadsReducer,
  type UploadProblem,
} from "@/lib/uploads";
import { useErrorMessage } from "@/lib/use-error-message";
import { completeUpload, documentKeys, presignUpload } from "@/queries/documents";

/** Where a file goes: a project's documents, or a ticket (an attachment for the next message). */
export type UploadOwner = { project_id: string } | { ticket_id: string };

type Target = { file: File; owner: UploadOwner; visibility: DocumentVisibility };

let counter = 0;
const newId = () => `upload-${Date.now().toString(36)}-${(counter++).toString(36)}`;

/**
 * The upload list and what runs it: each file is checked here first, then (two at a time) the
 * API gives a presigned form, the browser sends the bytes to the storage with a progress bar, and
 * the API checks the stored object. Cancelling aborts whatever step is running.
 */
export function useUploads() {
  const [items, dispatch] = useReducer(uploadsReducer, []);
  const targets = useRef(new Map<string, Target>());
  const controllers = useRef(new Map<string, AbortController>());
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();

  const problemOf = useCallback(
    (error: unknown): UploadProblem => {
      if (error instanceof StorageError) return { kind: "storage", status: error.status };
      if (error instanceof UploadNetworkError || error instanceof TypeError) return { kind: "network" };
      if (isApiError(error)) {
        // The API's own sentences (too big, type not allowed, …), already in the user's language.
        const messages = [...Object.values(error.fieldErrors).flat(), ...error.generalErrors];
        return { kind: "server", message: messages.join(" ") || errorMessage(error) };
      }
      return { kind: "server", message: errorMessage(error) };
    },
    [errorMessage],
  );

  const run = useCallback(
    async (id: string) => {
      const target = targets.current.get(id);
      // Started already (an effect that ran twice for the same render).
      if (!target || controllers.current.has(id)) return;
      const controller = new AbortController();
      controllers.current.set(id, controller);
      dispatch({ type: "start", id });
      try {
        const form = await presignUpload(
          {
            ...target.owner,
            filename: target.file.name,
            size: target.file.size,
            content_type: contentTypeFor(target.file) ?? target.file.type,
            visibility: target.visibility,
          },
          controller.signal,
        );
        dispatch({ type: "sending", id, documentId: form.document_id });
        await sendToStorage(form, target.file, target.file.name, {
          signal: controller.signal,
          csrfToken: readDocumentCookie(CSRF_COOKIE),
          onProgress: (loaded, total) => dispatch({ type: "progress", id, loaded, total }),
        });
        dispatch({ type: "sent", id });
        // Past this point the file is stored: no cancelling the check.
        controllers.current.delete(id);
        await completeUpload(form.document_id);
        dispatch({ type: "done", id });
        void queryClient.invalidateQueries({ queryKey: documentKeys.lists() });
      } catch (error) {
        if (controller.signal.aborted || error instanceof UploadAbortedError) return;
        dispatch({ type: "fail", id, problem: problemOf(error) });
      } finally {
        controllers.current.delete(id);
      }
    },
    [problemOf, queryClient],
  );

  // Start queued files as slots free up.
  useEffect(() => {
    for (const id of nextToStart(items)) void run(id);
  }, [items, run]);

  // Leaving the page stops the uploads; warn first, and abort whatever is left on the way out.
  const busy = items.some((item) => isActive(item) || item.status === "queued");
  useEffect(() => {
    if (!busy) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [busy]);
  useEffect(() => {
    const running = controllers.current;
    return () => running.forEach((controller) => controller.abort());
  }, []);

  /** `owner`: a project's id, or `{ ticket_id }` for a ticket's attachments. */
  const add = useCallback((files: Iterable<File>, owner: string | UploadOwner, visibility: DocumentVisibility = "client") => {
    const added = Array.from(files).map((file) => {
      const id = newId();
      targets.current.set(id, { file, owner: typeof owner === "string" ? { project_id: owner } : owner, visibility });
      return { id, name: file.name, size: file.size, problem: checkFile(file) };
    });
    if (added.length) dispatch({ type: "add", items: added });
  }, []);

  const cancel = useCallback((id: string) => {
    dispatch({ type: "cancel", id });
    controllers.current.get(id)?.abort();
  }, []);

  const retry = useCallback((id: string) => dispatch({ type: "retry", id }), []);

  const dismiss = useCallback((id: string) => {
    dispatch({ type: "dismiss", id });
    targets.current.delete(id);
  }, []);

  const clearFinished = useCallback(() => dispatch({ type: "clearFinished" }), []);

  return { items, busy, add, cancel, retry, dismiss, clearFinished };
}
