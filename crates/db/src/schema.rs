// @generated automatically by Diesel CLI.

diesel::table! {
    audit_log (id) {
        id -> Int8,
        actor_id -> Nullable<Uuid>,
        action -> Text,
        entity -> Text,
        entity_id -> Nullable<Text>,
        diff -> Jsonb,
        ip -> Nullable<Text>,
        created_at -> Timestamptz,
        client_id -> Nullable<Uuid>,
    }
}

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
        language -> Text,
        partial_payments_allowed -> Bool,
        sector -> Nullable<Text>,
        tags -> Array<Text>,
        size -> Nullable<Text>,
    }
}

diesel::table! {
    comments (id) {
        id -> Uuid,
        task_id -> Uuid,
        client_id -> Uuid,
        author_id -> Uuid,
        body -> Text,
        internal -> Bool,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    credit_notes (id) {
        id -> Uuid,
        invoice_id -> Uuid,
        client_id -> Uuid,
        number -> Text,
        issue_date -> Date,
        #[max_length = 3]
        currency -> Bpchar,
        total_ht -> Int8,
        total_tva -> Int8,
        total_ttc -> Int8,
        reason -> Text,
        refund_amount -> Int8,
        refund_method -> Nullable<Text>,
        refund_reference -> Text,
        pdf_key -> Nullable<Text>,
        created_by -> Nullable<Uuid>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    events (id) {
        id -> Int8,
        kind -> Text,
        staff -> Bool,
        client_id -> Nullable<Uuid>,
        user_id -> Nullable<Uuid>,
        data -> Jsonb,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    documents (id) {
        id -> Uuid,
        client_id -> Uuid,
        project_id -> Nullable<Uuid>,
        uploaded_by -> Nullable<Uuid>,
        filename -> Text,
        declared_type -> Text,
        declared_size -> Int8,
        content_type -> Nullable<Text>,
        size -> Nullable<Int8>,
        sha256 -> Nullable<Bytea>,
        storage_key -> Text,
        visibility -> Text,
        status -> Text,
        created_at -> Timestamptz,
        completed_at -> Nullable<Timestamptz>,
        ticket_id -> Nullable<Uuid>,
        ticket_message_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    invitations (id) {
        id -> Uuid,
        client_id -> Uuid,
        email -> Text,
        role -> Text,
        token_hash -> Bytea,
        invited_by -> Nullable<Uuid>,
        expires_at -> Timestamptz,
        accepted_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
        revoked_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    invoice_totals (currency, issue_date, due_date) {
        #[max_length = 3]
        currency -> Bpchar,
        issue_date -> Date,
        due_date -> Date,
        issued_amount -> Int8,
        issued_count -> Int8,
        unpaid_amount -> Int8,
        unpaid_count -> Int8,
    }
}

diesel::table! {
    invoice_reminders (id) {
        id -> Uuid,
        invoice_id -> Uuid,
        client_id -> Uuid,
        step -> Nullable<Int4>,
        sent_by -> Nullable<Uuid>,
        recipients -> Int4,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    invoices (id) {
        id -> Uuid,
        client_id -> Uuid,
        project_id -> Nullable<Uuid>,
        quote_id -> Nullable<Uuid>,
        number -> Nullable<Text>,
        status -> Text,
        title -> Text,
        #[max_length = 3]
        currency -> Bpchar,
        issue_date -> Nullable<Date>,
        due_date -> Nullable<Date>,
        notes -> Text,
        total_ht -> Int8,
        total_tva -> Int8,
        total_ttc -> Int8,
        amount_paid -> Int8,
        version -> Int4,
        pdf_key -> Nullable<Text>,
        pdf_version -> Nullable<Int4>,
        created_by -> Nullable<Uuid>,
        sent_at -> Nullable<Timestamptz>,
        paid_at -> Nullable<Timestamptz>,
        cancelled_at -> Nullable<Timestamptz>,
        cancelled_by -> Nullable<Uuid>,
        cancel_reason -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        milestone_id -> Nullable<Uuid>,
        discount_bp -> Int4,
        discount_total -> Int8,
        payment_terms -> Text,
        credited_amount -> Int8,
        deposit_percent_bp -> Nullable<Int4>,
    }
}

diesel::table! {
    jobs (id) {
        id -> Uuid,
        kind -> Text,
        payload -> Jsonb,
        status -> Text,
        attempts -> Int4,
        max_attempts -> Int4,
        run_at -> Timestamptz,
        locked_until -> Nullable<Timestamptz>,
        locked_by -> Nullable<Text>,
        last_error -> Nullable<Text>,
        unique_key -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        finished_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    line_items (id) {
        id -> Uuid,
        quote_id -> Nullable<Uuid>,
        invoice_id -> Nullable<Uuid>,
        position -> Int4,
        label -> Text,
        description -> Text,
        quantity_hundredths -> Int8,
        unit_price -> Int8,
        tax_rate_bp -> Int4,
        total_ht -> Int8,
        total_tva -> Int8,
        discount_bp -> Int4,
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
    milestones (id) {
        id -> Uuid,
        project_id -> Uuid,
        client_id -> Uuid,
        title -> Text,
        description -> Text,
        status -> Text,
        due_date -> Nullable<Date>,
        completed_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        position -> Int4,
        amount -> Nullable<Int8>,
        quote_percent -> Nullable<Int2>,
        submitted_at -> Nullable<Timestamptz>,
        approved_at -> Nullable<Timestamptz>,
        approved_by -> Nullable<Uuid>,
        change_request -> Nullable<Text>,
        changes_requested_at -> Nullable<Timestamptz>,
        changes_requested_by -> Nullable<Uuid>,
    }
}

diesel::table! {
    notification_preferences (user_id, topic) {
        user_id -> Uuid,
        topic -> Text,
        in_app -> Bool,
        email -> Text,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    notifications (id) {
        id -> Uuid,
        user_id -> Uuid,
        kind -> Text,
        title -> Text,
        body -> Text,
        link -> Nullable<Text>,
        entity -> Nullable<Text>,
        entity_id -> Nullable<Text>,
        read_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    number_sequences (kind, year) {
        kind -> Text,
        year -> Int4,
        last_value -> Int8,
    }
}

diesel::table! {
    outbox (id) {
        id -> Uuid,
        to_email -> Text,
        template -> Text,
        locale -> Text,
        subject -> Text,
        text_body -> Text,
        html_body -> Text,
        status -> Text,
        attempts -> Int4,
        last_error -> Nullable<Text>,
        next_attempt_at -> Timestamptz,
        sent_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    password_reset_tokens (token_hash) {
        token_hash -> Bytea,
        user_id -> Uuid,
        expires_at -> Timestamptz,
        used_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    offline_payments (payment_id) {
        payment_id -> Uuid,
        method -> Text,
        reference -> Text,
        received_on -> Date,
        note -> Text,
        proof_key -> Nullable<Text>,
        proof_filename -> Nullable<Text>,
        proof_content_type -> Nullable<Text>,
        recorded_by -> Nullable<Uuid>,
    }
}

diesel::table! {
    pay_link_payments (payment_id) {
        payment_id -> Uuid,
        pay_link_id -> Uuid,
    }
}

diesel::table! {
    pay_links (id) {
        id -> Uuid,
        invoice_id -> Uuid,
        client_id -> Uuid,
        token_hash -> Bytea,
        created_by -> Nullable<Uuid>,
        expires_at -> Timestamptz,
        revoked_at -> Nullable<Timestamptz>,
        revoked_by -> Nullable<Uuid>,
        last_used_at -> Nullable<Timestamptz>,
        use_count -> Int4,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    payment_checks (id) {
        id -> Int8,
        payment_id -> Uuid,
        trigger -> Text,
        http_status -> Nullable<Int4>,
        code -> Nullable<Text>,
        status -> Nullable<Text>,
        body -> Nullable<Jsonb>,
        error -> Nullable<Text>,
        outcome -> Text,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    payment_notifications (id) {
        id -> Int8,
        method -> Text,
        headers -> Jsonb,
        body -> Text,
        remote_addr -> Nullable<Text>,
        transaction_id -> Nullable<Text>,
        payment_id -> Nullable<Uuid>,
        verdict -> Text,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    payments (id) {
        id -> Uuid,
        invoice_id -> Uuid,
        client_id -> Uuid,
        initiated_by -> Nullable<Uuid>,
        transaction_id -> Text,
        amount -> Int8,
        #[max_length = 3]
        currency -> Bpchar,
        site_id -> Text,
        channel -> Text,
        status -> Text,
        payment_token -> Nullable<Text>,
        checkout_url -> Nullable<Text>,
        payment_method -> Nullable<Text>,
        operator_id -> Nullable<Text>,
        last_code -> Nullable<Text>,
        last_message -> Nullable<Text>,
        flag_reason -> Nullable<Text>,
        check_count -> Int4,
        last_checked_at -> Nullable<Timestamptz>,
        next_check_at -> Nullable<Timestamptz>,
        expires_at -> Timestamptz,
        settled_at -> Nullable<Timestamptz>,
        receipt_number -> Nullable<Text>,
        paid_before -> Nullable<Int8>,
        balance_after -> Nullable<Int8>,
        receipt_pdf_key -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        source -> Text,
        voided_at -> Nullable<Timestamptz>,
        voided_by -> Nullable<Uuid>,
        void_reason -> Nullable<Text>,
    }
}

diesel::table! {
    periodic_tasks (name) {
        name -> Text,
        next_run_at -> Timestamptz,
        last_run_at -> Nullable<Timestamptz>,
        locked_by -> Nullable<Text>,
    }
}

diesel::table! {
    projects (id) {
        id -> Uuid,
        client_id -> Uuid,
        name -> Text,
        description -> Text,
        status -> Text,
        progress_override -> Nullable<Int2>,
        start_date -> Nullable<Date>,
        due_date -> Nullable<Date>,
        created_by -> Nullable<Uuid>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        task_count -> Int4,
        tasks_done -> Int4,
        milestone_count -> Int4,
        milestones_done -> Int4,
        manager_id -> Nullable<Uuid>,
        budget -> Nullable<Int8>,
    }
}

diesel::table! {
    quotes (id) {
        id -> Uuid,
        client_id -> Uuid,
        project_id -> Nullable<Uuid>,
        number -> Nullable<Text>,
        status -> Text,
        title -> Text,
        #[max_length = 3]
        currency -> Bpchar,
        issue_date -> Nullable<Date>,
        valid_until -> Nullable<Date>,
        notes -> Text,
        total_ht -> Int8,
        total_tva -> Int8,
        total_ttc -> Int8,
        version -> Int4,
        pdf_key -> Nullable<Text>,
        pdf_version -> Nullable<Int4>,
        created_by -> Nullable<Uuid>,
        sent_at -> Nullable<Timestamptz>,
        decided_at -> Nullable<Timestamptz>,
        decided_by -> Nullable<Uuid>,
        decided_ip -> Nullable<Text>,
        decline_reason -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        discount_bp -> Int4,
        discount_total -> Int8,
        payment_terms -> Text,
    }
}

diesel::table! {
    reconciliation_lines (reconciliation_id, position) {
        reconciliation_id -> Uuid,
        position -> Int4,
        verdict -> Text,
        transaction_id -> Text,
        file_line -> Nullable<Int4>,
        payment_id -> Nullable<Uuid>,
        statement_amount -> Nullable<Int8>,
        statement_currency -> Nullable<Text>,
        statement_status -> Nullable<Text>,
        statement_method -> Nullable<Text>,
        statement_fees -> Nullable<Int8>,
        statement_date -> Nullable<Timestamp>,
        operator_id -> Nullable<Text>,
    }
}

diesel::table! {
    reconciliations (id) {
        id -> Uuid,
        file_name -> Text,
        period_from -> Date,
        period_to -> Date,
        statement_lines -> Int4,
        matched -> Int4,
        amount_differs -> Int4,
        status_differs -> Int4,
        missing_in_nourx -> Int4,
        missing_in_cinetpay -> Int4,
        statement_total -> Int8,
        nourx_total -> Int8,
        statement_fees -> Int8,
        imported_by -> Nullable<Uuid>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    recurring_invoices (id) {
        id -> Uuid,
        client_id -> Uuid,
        project_id -> Nullable<Uuid>,
        title -> Text,
        #[max_length = 3]
        currency -> Bpchar,
        notes -> Text,
        payment_terms -> Text,
        discount_bp -> Int4,
        items -> Jsonb,
        rhythm -> Text,
        start_date -> Date,
        end_date -> Nullable<Date>,
        due_days -> Int4,
        periods_done -> Int4,
        next_date -> Nullable<Date>,
        status -> Text,
        last_invoice_id -> Nullable<Uuid>,
        created_by -> Nullable<Uuid>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    recurring_runs (recurring_id, period_date) {
        recurring_id -> Uuid,
        period_date -> Date,
        invoice_id -> Nullable<Uuid>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    rate_limits (bucket, window_start) {
        bucket -> Text,
        window_start -> Timestamptz,
        expires_at -> Timestamptz,
        count -> Int8,
    }
}

diesel::table! {
    saved_filters (id) {
        id -> Uuid,
        user_id -> Uuid,
        scope -> Text,
        name -> Text,
        query -> Text,
        created_at -> Timestamptz,
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
        id -> Uuid,
        is_staff -> Bool,
        user_agent -> Nullable<Text>,
        ip -> Nullable<Text>,
    }
}

diesel::table! {
    settings (key) {
        key -> Text,
        value -> Jsonb,
        updated_by -> Nullable<Uuid>,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    staff_invitations (id) {
        id -> Uuid,
        email -> Text,
        full_name -> Text,
        role -> Text,
        locale -> Text,
        token_hash -> Bytea,
        invited_by -> Nullable<Uuid>,
        expires_at -> Timestamptz,
        revoked_at -> Nullable<Timestamptz>,
        accepted_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    tasks (id) {
        id -> Uuid,
        project_id -> Uuid,
        client_id -> Uuid,
        milestone_id -> Nullable<Uuid>,
        title -> Text,
        description -> Text,
        status -> Text,
        priority -> Text,
        position -> Int4,
        assigned_to -> Nullable<Uuid>,
        due_date -> Nullable<Date>,
        completed_at -> Nullable<Timestamptz>,
        created_by -> Nullable<Uuid>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        client_visible -> Bool,
        board_rank -> Int8,
    }
}

diesel::table! {
    ticket_messages (id) {
        id -> Uuid,
        ticket_id -> Uuid,
        client_id -> Uuid,
        author_id -> Uuid,
        body -> Text,
        internal -> Bool,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    tickets (id) {
        id -> Uuid,
        number -> Int8,
        client_id -> Uuid,
        project_id -> Nullable<Uuid>,
        subject -> Text,
        status -> Text,
        priority -> Text,
        assigned_to -> Nullable<Uuid>,
        created_by -> Uuid,
        first_response_due -> Timestamptz,
        resolution_due -> Timestamptz,
        first_responded_at -> Nullable<Timestamptz>,
        resolved_at -> Nullable<Timestamptz>,
        closed_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        sla_policy_id -> Nullable<Uuid>,
        first_response_risk_at -> Timestamptz,
        resolution_risk_at -> Timestamptz,
        paused_since -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    sla_policies (id) {
        id -> Uuid,
        client_id -> Nullable<Uuid>,
        counting -> Text,
        pause_while_waiting -> Bool,
        urgent_first_response_min -> Int4,
        urgent_resolution_min -> Int4,
        high_first_response_min -> Int4,
        high_resolution_min -> Int4,
        normal_first_response_min -> Int4,
        normal_resolution_min -> Int4,
        low_first_response_min -> Int4,
        low_resolution_min -> Int4,
        created_by -> Nullable<Uuid>,
        created_at -> Timestamptz,
        superseded_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    public_holidays (day) {
        day -> Date,
        name -> Text,
        created_by -> Nullable<Uuid>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    ticket_sla_events (id) {
        id -> Uuid,
        ticket_id -> Uuid,
        client_id -> Uuid,
        kind -> Text,
        at -> Timestamptz,
    }
}

diesel::table! {
    email_templates (template, locale) {
        template -> Text,
        locale -> Text,
        subject -> Text,
        text_body -> Text,
        html_body -> Nullable<Text>,
        updated_by -> Nullable<Uuid>,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    canned_replies (id) {
        id -> Uuid,
        title -> Text,
        body_fr -> Text,
        body_en -> Text,
        created_by -> Nullable<Uuid>,
        updated_by -> Nullable<Uuid>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    ticket_ratings (ticket_id) {
        ticket_id -> Uuid,
        client_id -> Uuid,
        score -> Int2,
        comment -> Text,
        rated_by -> Nullable<Uuid>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    two_factor_recovery_codes (user_id, code_hash) {
        user_id -> Uuid,
        code_hash -> Bytea,
        used_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    two_factor_secrets (user_id) {
        user_id -> Uuid,
        secret -> Bytea,
        confirmed_at -> Nullable<Timestamptz>,
        last_used_step -> Int8,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    two_factor_trusted_devices (token_hash) {
        token_hash -> Bytea,
        user_id -> Uuid,
        password_fingerprint -> Bytea,
        created_at -> Timestamptz,
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

diesel::table! {
    pipeline_totals (stage_id) {
        stage_id -> Uuid,
        prospect_count -> Int8,
        value -> Int8,
        weighted_value -> Int8,
    }
}

diesel::table! {
    pipeline_stages (id) {
        id -> Uuid,
        name -> Text,
        kind -> Text,
        position -> Int4,
        probability -> Int2,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    prospects (id) {
        id -> Uuid,
        company -> Text,
        contact_name -> Text,
        email -> Nullable<Text>,
        phone -> Nullable<Text>,
        whatsapp -> Nullable<Text>,
        source -> Text,
        estimated_value -> Int8,
        probability -> Int2,
        expected_close -> Nullable<Date>,
        owner_id -> Nullable<Uuid>,
        sector -> Nullable<Text>,
        city -> Nullable<Text>,
        size -> Nullable<Text>,
        tags -> Array<Text>,
        notes -> Text,
        stage_id -> Uuid,
        stage_rank -> Int8,
        outcome_reason -> Nullable<Text>,
        closed_at -> Nullable<Timestamptz>,
        next_follow_up -> Nullable<Date>,
        follow_up_notified_on -> Nullable<Date>,
        client_id -> Nullable<Uuid>,
        converted_at -> Nullable<Timestamptz>,
        created_by -> Nullable<Uuid>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    prospect_activities (id) {
        id -> Uuid,
        prospect_id -> Uuid,
        kind -> Text,
        body -> Text,
        happened_at -> Timestamptz,
        author_id -> Nullable<Uuid>,
        created_at -> Timestamptz,
    }
}

diesel::joinable!(audit_log -> clients (client_id));
diesel::joinable!(audit_log -> users (actor_id));
diesel::joinable!(client_members -> clients (client_id));
diesel::joinable!(client_members -> users (user_id));
diesel::joinable!(comments -> clients (client_id));
diesel::joinable!(comments -> tasks (task_id));
diesel::joinable!(comments -> users (author_id));
diesel::joinable!(credit_notes -> clients (client_id));
diesel::joinable!(credit_notes -> invoices (invoice_id));
diesel::joinable!(credit_notes -> users (created_by));
diesel::joinable!(documents -> users (uploaded_by));
diesel::joinable!(invitations -> clients (client_id));
diesel::joinable!(invitations -> users (invited_by));
diesel::joinable!(invoice_reminders -> clients (client_id));
diesel::joinable!(invoice_reminders -> invoices (invoice_id));
diesel::joinable!(invoice_reminders -> users (sent_by));
diesel::joinable!(invoices -> clients (client_id));
diesel::joinable!(invoices -> quotes (quote_id));
diesel::joinable!(line_items -> invoices (invoice_id));
diesel::joinable!(line_items -> quotes (quote_id));
diesel::joinable!(notifications -> users (user_id));
diesel::joinable!(password_reset_tokens -> users (user_id));
diesel::joinable!(offline_payments -> payments (payment_id));
diesel::joinable!(offline_payments -> users (recorded_by));
diesel::joinable!(pay_link_payments -> pay_links (pay_link_id));
diesel::joinable!(pay_link_payments -> payments (payment_id));
diesel::joinable!(pay_links -> clients (client_id));
diesel::joinable!(pay_links -> invoices (invoice_id));
diesel::joinable!(payment_checks -> payments (payment_id));
diesel::joinable!(payment_notifications -> payments (payment_id));
diesel::joinable!(payments -> clients (client_id));
diesel::joinable!(payments -> invoices (invoice_id));
diesel::joinable!(payments -> users (initiated_by));
diesel::joinable!(projects -> clients (client_id));
diesel::joinable!(projects -> users (created_by));
diesel::joinable!(quotes -> clients (client_id));
diesel::joinable!(recurring_invoices -> clients (client_id));
diesel::joinable!(recurring_invoices -> invoices (last_invoice_id));
diesel::joinable!(recurring_invoices -> users (created_by));
diesel::joinable!(recurring_runs -> invoices (invoice_id));
diesel::joinable!(recurring_runs -> recurring_invoices (recurring_id));
diesel::joinable!(saved_filters -> users (user_id));
diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(settings -> users (updated_by));
diesel::joinable!(ticket_messages -> clients (client_id));
diesel::joinable!(ticket_messages -> tickets (ticket_id));
diesel::joinable!(prospects -> pipeline_stages (stage_id));
diesel::joinable!(pipeline_totals -> pipeline_stages (stage_id));
diesel::joinable!(prospect_activities -> prospects (prospect_id));
diesel::joinable!(ticket_sla_events -> tickets (ticket_id));
diesel::joinable!(ticket_ratings -> tickets (ticket_id));
diesel::joinable!(tickets -> sla_policies (sla_policy_id));
diesel::joinable!(ticket_messages -> users (author_id));
diesel::joinable!(reconciliation_lines -> reconciliations (reconciliation_id));
diesel::joinable!(reconciliation_lines -> payments (payment_id));
diesel::joinable!(reconciliations -> users (imported_by));
diesel::joinable!(tickets -> clients (client_id));
diesel::joinable!(two_factor_recovery_codes -> users (user_id));
diesel::joinable!(two_factor_secrets -> users (user_id));
diesel::joinable!(two_factor_trusted_devices -> users (user_id));

diesel::allow_tables_to_appear_in_same_query!(
    audit_log,
    canned_replies,
    client_members,
    clients,
    comments,
    events,
    credit_notes,
    documents,
    email_templates,
    invitations,
    invoice_reminders,
    invoice_totals,
    invoices,
    jobs,
    line_items,
    login_failures,
    milestones,
    notification_preferences,
    notifications,
    number_sequences,
    offline_payments,
    outbox,
    password_reset_tokens,
    pay_link_payments,
    pay_links,
    payment_checks,
    payment_notifications,
    payments,
    periodic_tasks,
    pipeline_stages,
    pipeline_totals,
    projects,
    prospect_activities,
    prospects,
    public_holidays,
    quotes,
    rate_limits,
    reconciliation_lines,
    reconciliations,
    recurring_invoices,
    recurring_runs,
    saved_filters,
    sessions,
    settings,
    sla_policies,
    tasks,
    ticket_messages,
    ticket_ratings,
    ticket_sla_events,
    tickets,
    two_factor_recovery_codes,
    two_factor_secrets,
    two_factor_trusted_devices,
    users,
);
