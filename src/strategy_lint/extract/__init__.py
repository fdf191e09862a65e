"""What a record says, read from the document model: attendees, actions, the child's voice.

Shared by the built-in rules and available to plugin authors, so that every rule reads
"who took part" or "the actions" the same way whatever the template.
"""
