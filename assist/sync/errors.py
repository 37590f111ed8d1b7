"""Error codes of cache synchronisation (E250–E299)."""

from __future__ import annotations

from assist.errors import error_code

E250 = error_code("E250", "The sync sources file is not valid")
E251 = error_code("E251", "No sync source of that name is configured")
E252 = error_code("E252", "A sync source cannot be reached or refused the connection")
E253 = error_code("E253", "A sync batch was refused because of a bad row")
E254 = error_code("E254", "A sync source sent data in an unexpected shape")
E255 = error_code("E255", "A merged customer names a customer that does not exist")
E256 = error_code("E256", "A sync source kept asking Peka to wait (rate limit)")
E257 = error_code("E257", "Another sync of this cache is running")
E258 = error_code("E258", "A drop folder cannot be read")
E260 = error_code("E260", "No usable OS keyring for a sync source's credentials")
E261 = error_code("E261", "The sidebar's sync process stopped before it finished")
E262 = error_code("E262", "The team source needs team mode, and it is not set up here")
E263 = error_code("E263", "The team server has not been set up with `peka team init` yet")
