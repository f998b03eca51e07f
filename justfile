# Everyday shortcuts for people who have `just`; each calls ./x, which needs nothing but the toolchains.

# start everything with demo data
up:
    ./x up

# every check and test (what CI runs)
test *ARGS:
    ./x test {{ARGS}}

# rustfmt, clippy, cargo-deny
lint:
    ./x lint

fmt:
    ./x fmt

# regenerate openapi/openapi.json
openapi:
    ./x openapi

# regenerate crates/db/src/schema.rs from the migrations
schema:
    ./x schema

# load tests on a release build: API lists, PDFs, payment webhook and settlement
bench *ARGS:
    ./x bench {{ARGS}}

# load the demo data into the configured database
seed:
    cargo run --quiet -p nourx-server -- seed --demo
