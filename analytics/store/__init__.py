"""The warehouse file: SQL loading and identifier quoting, the atomic copy-change-swap, the read-only reader."""
