"""Views of the answers: `json_out` (the contract), `plain` (pipes), `human` (a terminal)."""
