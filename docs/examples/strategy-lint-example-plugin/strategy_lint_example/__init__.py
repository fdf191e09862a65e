"""Example strategy-lint plugin: rules a local authority adds for its own template and policy.

XA001 chair-not-named: the record must name who chaired the discussion, and their role.
XA002 health-box-empty: our form's 'Health information' box must not be empty.
"""

__version__ = "1.0.0"
