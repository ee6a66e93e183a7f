import { Module } from '@nestjs/common';
import { RouteTableController } from './route-table.controller';
import { RouteTableService } from './route-table.service';

@Module({ controllers: [RouteTableController], providers: [RouteTableService] })
export class RouteTableModule {}
