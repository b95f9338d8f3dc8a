"""Importing offices from OpenStreetMap: `overpass` asks an Overpass API server for them."""
