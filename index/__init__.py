"""The minutesbot library: minutes files -> text -> meetings and paragraphs -> a Whoosh index.

Pure and synchronous; it never imports the application (`bot`) or Discord.
"""
