"""kommandesk-cli allowances: being written."""


def add_allowance_commands(commands) -> None:
    return None
