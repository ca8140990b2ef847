"""E-mail to people about what other services tell identity (workshop places, reminders)."""
