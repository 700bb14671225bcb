"""Vehicles at the border: identity by plate and temporary admission of foreign vehicles."""
