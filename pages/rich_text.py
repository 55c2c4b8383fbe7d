# What the design supports in running text. Editors get nothing they could break the page with:
# no h1 (the page title is the only one), no images floating in text, no embeds.
RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "link", "ol", "ul", "document-link"]

# Inside a section the section heading is the h2, so only lower levels remain.
SECTION_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "link", "ol", "ul", "document-link"]
