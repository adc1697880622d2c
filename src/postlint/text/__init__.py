"""Text layer: normalization with offset maps, entities, tokens, documents."""
