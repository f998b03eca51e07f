import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api/client";
import { adminApi, type StaffInvite, type StaffRole } from "@/lib/api/admin";

export const teamKeys = { all: ["admin-team"] as const };

export function useTeam() {
  return useQuery({ queryKey: teamKeys.all, queryFn: () => adminApi().team.list() });
}

/** Every change to the team reads the list again (roles, activity and invitations move together). */
function useTeamMutation<V>(mutationFn: (variables: V) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => queryClient.invalidateQueries({ queryKey: teamKeys.all }) });
}

export function useInviteStaff() {
  return useTeamMutation((body: StaffInvite) => adminApi().team.invite(body));
}

export function useStaffInvitationAction() {
  return useTeamMutation(({ action, id }: { action: "resend" | "revoke"; id: string }) =>
    action === "resend" ? adminApi().team.resend(id) : adminApi().team.revoke(id),
  );
}

export function useUpdateStaff() {
  return useTeamMutation(({ id, ...body }: { id: string; role?: StaffRole; is_active?: boolean }) => adminApi().team.update(id, body));
}

export function useResetTwoFactor() {
  return useTeamMutation((id: string) =>
    unwrap(api.POST("/api/admin/users/{id}/two-factor/reset/", { params: { path: { id } } })),
  );
}
