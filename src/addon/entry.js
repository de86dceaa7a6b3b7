// Top-level functions Apps Script can see. Each delegates to the Segmento bundle above.
