"""A version 1 policy pack and its version 2, shared by the pack, cohort and app tests."""

from __future__ import annotations

V1 = """\
[pack]
id = "north-rad"
name = "North Radiology pack"
version = "1"
required_disclaimer = "Views are mine, not North Radiology's."

[defaults]
contact_name = "Pat Example"
contact_email = "pat@example.org"
follow = ["north-account"]
audit_days = 60

[[answer]]
item = "image-approval"
state = "done"
note = "The Education Committee approves every case."

[[policy_item]]
id = "north-brand"
title = "Use the North logo only as supplied"
explain = "Download it from the brand page."
sources = ["north-policy"]

[[policy_item]]
id = "north-old-rule"
title = "Register every account with Communications"
explain = "Send the handle to Communications."
sources = ["north-policy"]

[[policy_item]]
id = "social-media-policy"
title = "Read North policy 7"
explain = "It covers all staff."
sources = ["north-policy"]

[[entry]]
id = "north-account"
kind = "account"
name = "North Radiology"
description = "The department's account."
subspecialties = ["all"]
platforms = ["x"]
sources = ["north-policy"]

[[source]]
id = "north-policy"
name = "North policy 7"
url = "https://intranet.example.org/policy-7"
"""


def v2_text() -> str:
    """Version 2: the brand rule reworded, the register rule removed, a new item, a new
    disclaimer, and the social media policy item unchanged."""
    text = V1.replace('version = "1"', 'version = "2"')
    text = text.replace("Download it from the brand page.", "Ask Communications for the files.")
    text = text.replace("Views are mine, not North Radiology's.", "My views, not North's.")
    start = text.index('[[policy_item]]\nid = "north-old-rule"')
    end = text.index('[[policy_item]]\nid = "social-media-policy"')
    text = text[:start] + text[end:]
    return text + (
        '\n[[policy_item]]\nid = "north-ai"\ntitle = "Label AI-made images"\n'
        'explain = "Say so in the caption."\nsources = ["north-policy"]\n'
    )
