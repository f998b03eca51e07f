// @generated automatically by Diesel CLI.

diesel::table! {
    client_members (client_id, user_id) {
        client_id -> Uuid,
        user_id -> Uuid,
        role -> Text,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    clients (id) {
        id -> Uuid,
        name -> Text,
        legal_name -> Nullable<Text>,
        tax_id -> Nullable<Text>,
        address -> Nullable<Text>,
        city -> Nullable<Text>,
        #[max_length = 2]
        country -> Bpchar,
        phone -> Nullable<Text>,
        billing_email -> Nullable<Text>,
        #[max_length = 3]
        currency -> Bpchar,
        status -> Text,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    login_failures (id) {
        id -> Int8,
        bucket -> Text,
        failed_at -> Timestamptz,
    }
}

diesel::table! {
    sessions (key_hash) {
        key_hash -> Bytea,
        user_id -> Nullable<Uuid>,
        state -> Jsonb,
        created_at -> Timestamptz,
        last_seen_at -> Timestamptz,
        expires_at -> Timestamptz,
    }
}

diesel::table! {
    users (id) {
        id -> Uuid,
        email -> Text,
        full_name -> Text,
        phone -> Nullable<Text>,
        locale -> Text,
        role -> Text,
        password_hash -> Text,
        is_active -> Bool,
        last_login -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::joinable!(client_members -> clients (client_id));
diesel::joinable!(client_members -> users (user_id));
diesel::joinable!(sessions -> users (user_id));

diesel::allow_tables_to_appear_in_same_query!(client_members, clients, login_failures, sessions, users,);
