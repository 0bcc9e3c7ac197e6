"""Back-office views, one module per subject: admin (orgs, users, calendar, audit), catalog, foi, reports."""
