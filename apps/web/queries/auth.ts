"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, navigation, unwrap } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";
import { meKeys } from "./me";

type Schemas = components["schemas"];

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["LoginRequest"]) => unwrap(api.POST("/api/auth/login/", { body })),
    onSuccess: (me) => queryClient.setQueryData(meKeys.all, me),
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      navigation.leaving = true;
      await queryClient.cancelQueries();
      return unwrap(api.POST("/api/auth/logout/"));
    },
    onSettled: () => {
      queryClient.clear();
      // A full load on purpose: it drops every cached query and renders in the account's language.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination
      window.location.assign("/connexion?deconnecte=1");
    },
  });
}

export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (body: Schemas["PasswordResetRequest"]) => unwrap(api.POST("/api/auth/password-reset/", { body })),
  });
}

export function useConfirmPasswordReset() {
  return useMutation({
    mutationFn: (body: Schemas["PasswordResetConfirmRequest"]) =>
      unwrap(api.POST("/api/auth/password-reset/confirm/", { body })),
  });
}

export function useAcceptInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["AcceptInvitationRequest"]) =>
      unwrap(api.POST("/api/auth/invitations/accept/", { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meKeys.all }),
  });
}
