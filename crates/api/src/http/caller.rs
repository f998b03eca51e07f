//! The caller of a client-scoped endpoint: who they are, which clients they belong to
//! (and as what), and where the request came from, for scoping, policy and audit.

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use futures_util::future::LocalBoxFuture;
use nourx_db::Scope;
use nourx_db::audit::AuditContext;
use nourx_domain::{Action, Actor, MemberRole, StaffAction, can, can_staff};
use uuid::Uuid;

use crate::http::error::ApiError;
use crate::http::extract::{ClientIp, CurrentUser};

#[derive(Debug, Clone)]
pub struct Caller {
    pub current: CurrentUser,
    pub memberships: Vec<(Uuid, MemberRole)>,
    pub ip: Option<String>,
}

impl Caller {
    pub fn id(&self) -> Uuid {
        self.current.user.id
    }

    /// Whether the caller is NOURX staff (role `admin` or `staff`).
    pub fn is_staff(&self) -> bool {
        self.current.is_staff()
    }

    /// The rows this caller may see.
    pub fn scope(&self) -> Scope {
        if self.is_staff() { Scope::All } else { Scope::Clients(self.memberships.iter().map(|(id, _)| *id).collect()) }
    }

    /// What this caller is to `client_id`; `None` when they are nothing to it.
    pub fn actor(&self, client_id: Uuid) -> Option<Actor> {
        if self.is_staff() {
            return Some(Actor::Admin);
        }
        self.memberships.iter().find(|(id, _)| *id == client_id).map(|(_, role)| Actor::Member(*role))
    }

    pub fn can(&self, client_id: Uuid, action: Action) -> bool {
        self.actor(client_id).is_some_and(|actor| can(actor, action))
    }

    /// 403 unless allowed. Call only on objects already found in the caller's scope,
    /// so that other clients' objects stay 404.
    pub fn require(&self, client_id: Uuid, action: Action) -> Result<(), ApiError> {
        if self.can(client_id, action) { Ok(()) } else { Err(ApiError::PermissionDenied) }
    }

    /// 403 unless the caller may do `action` in the back-office.
    pub fn require_staff(&self, action: StaffAction) -> Result<(), ApiError> {
        if can_staff(self.current.user.role, action) { Ok(()) } else { Err(ApiError::PermissionDenied) }
    }

    pub fn audit(&self) -> AuditContext {
        AuditContext { actor_id: Some(self.id()), ip: self.ip.clone() }
    }
}

/// A logged-in NOURX staff member (role `admin` or `staff`), as a [`Caller`]: 401 without a
/// session, 403 for a client user. Staff-only handlers take it in their signature, so the check is
/// visible where the route is; admin-only ones then call `staff.require_staff(StaffAction::…)`.
#[derive(Debug, Clone)]
pub struct Staff(pub Caller);

impl std::ops::Deref for Staff {
    type Target = Caller;
    fn deref(&self) -> &Caller {
        &self.0
    }
}

impl FromRequest for Staff {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let caller = Caller::from_request(req, payload);
        Box::pin(async move {
            let caller = caller.await?;
            caller.require_staff(StaffAction::UseBackOffice)?;
            Ok(Staff(caller))
        })
    }
}

impl FromRequest for Caller {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let current = CurrentUser::from_request(req, payload);
        let ip = ClientIp::from_request(req, payload);
        Box::pin(async move {
            let current = current.await?;
            let ip = ip.await?.0.map(|ip| ip.to_string());
            // Staff act as `Actor::Admin` in every client; memberships play no part for them.
            let memberships = if current.is_staff() { Vec::new() } else { current.memberships.clone() };
            Ok(Caller { current, memberships, ip })
        })
    }
}
