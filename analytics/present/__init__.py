"""What a person reads: the one value formatter, translations, maps, charts, tables, exports and briefings."""
