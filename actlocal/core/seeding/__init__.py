"""Seeded datasets: the demo (``seed --scale demo``) and a million-leader one for benchmarks.

- ``dataset``: the one entry point (``dataset_seed``, ``dataset_reset``); the command wraps it.
- ``reference``, ``names``: plain data (topics, cities, states, names, bios).
- ``geography``: real ZIPs around each city, and the illustrative county table (area type, lean).
- ``catalog``: records both scales share (topics, series, county profiles, survey questions).
- ``survey_story``: how seeded leaders answer the surveys (the 73% / 96% story).
- ``demo``, ``demo_events``, ``demo_surveys``, ``accounts``: the demo dataset and its logins.
- ``large``, ``large_activity``, ``bulk``: the large dataset, streamed in with raw bulk inserts.

Seeding writes in bulk and skips the services (and their audit entries, e-mails, webhooks) on purpose:
it is a data load, not a thousand user actions. It records one ``seed.*`` audit entry instead.
"""
