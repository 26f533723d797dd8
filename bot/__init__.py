"""The minutesbot application: questions, answers, the CLI and the Discord client."""
