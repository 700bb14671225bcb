"""The administration pages of the console (users, agencies, posts, rules, agreements, audit).

No service of its own: each page calls the service of the domain it shows.
"""
