//! Programme data model, validation, search and aggregation (pure).
