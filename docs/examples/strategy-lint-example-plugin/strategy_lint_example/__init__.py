"""Example strategy-lint plugin: rules a local authority adds for its own template and policy.

XA001 chair-not-named: the record must name who chaired the discussion, and their role.
XA002 health-box-empty: our form's 'Health information' box must not be empty.
XA003 police-not-involved: the police must have taken part or been consulted.
XA004 no-plan-to-see-child: a child nobody has heard or seen must have a visit planned.

XA001, XA003 and XA004 read strategy-lint's shared reading of the record (``ctx.facts``):
the meeting's chair, the agencies and participants, the child's voice and the actions.
"""

__version__ = "1.0.0"
