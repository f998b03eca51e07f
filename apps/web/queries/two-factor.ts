"use client";

import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap, type ApiClient } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";
import { meKeys } from "./me";

type Schemas = components["schemas"];
export type TwoFactorChallenge = Schemas["TwoFactorChallenge"];
export type TwoFactorDetails = Schemas["TwoFactorDetails"];
export type TwoFactorSetup = Schemas["TwoFactorSetup"];
export type RecoveryCodes = Schemas["RecoveryCodes"];

/** What the password step of a login gave: logged in, or a code is needed (202). */
export type LoginOutcome = { kind: "done"; me: Schemas["MeResponse"] } | { kind: "code"; challenge: TwoFactorChallenge };

export const twoFactorKeys = {
  all: ["two-factor"] as const,
};

export function twoFactorQuery(client: ApiClient = api) {
  return queryOptions({
    queryKey: twoFactorKeys.all,
    queryFn: ({ signal }) => unwrap(client.GET("/api/me/two-factor/", { signal })),
  });
}

export function useTwoFactor() {
  return useQuery(twoFactorQuery());
}

/** `POST /api/auth/login/`: 200 with the account, or 202 when the account has two-factor authentication. */
export function useLoginStep() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: Schemas["LoginRequest"]): Promise<LoginOutcome> => {
      const data = await unwrap(api.POST("/api/auth/login/", { body }));
      if ("two_factor_required" in data) return { kind: "code", challenge: data };
      return { kind: "done", me: data };
    },
    onSuccess: (outcome) => {
      if (outcome.kind === "done") queryClient.setQueryData(meKeys.all, outcome.me);
    },
  });
}

/** `POST /api/auth/login/two-factor/`: the code (or a recovery code) that finishes the login. */
export function useLoginCode() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["TwoFactorLoginRequest"]) => unwrap(api.POST("/api/auth/login/two-factor/", { body })),
    onSuccess: (me) => queryClient.setQueryData(meKeys.all, me),
  });
}

export function useSetupTwoFactor() {
  return useMutation({
    mutationFn: () => unwrap(api.POST("/api/me/two-factor/setup/")),
  });
}

function useAfterChange() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: twoFactorKeys.all }),
      queryClient.invalidateQueries({ queryKey: meKeys.all }),
    ]);
}

export function useConfirmTwoFactor() {
  const after = useAfterChange();
  return useMutation({
    mutationFn: (body: Schemas["TwoFactorConfirmRequest"]) => unwrap(api.POST("/api/me/two-factor/confirm/", { body })),
    onSuccess: after,
  });
}

export function useDisableTwoFactor() {
  const after = useAfterChange();
  return useMutation({
    mutationFn: (body: Schemas["TwoFactorReauthRequest"]) => unwrap(api.POST("/api/me/two-factor/disable/", { body })),
    onSuccess: after,
  });
}

export function useRegenerateRecoveryCodes() {
  const after = useAfterChange();
  return useMutation({
    mutationFn: (body: Schemas["TwoFactorReauthRequest"]) =>
      unwrap(api.POST("/api/me/two-factor/recovery-codes/", { body })),
    onSuccess: after,
  });
}
