"""Every write to surveys: one function per change (``<entity>_<verb>``), atomic and audit-logged."""
